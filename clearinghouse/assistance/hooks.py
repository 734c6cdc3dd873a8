"""What the assistance domain adds to shared pages and commands (see clearinghouse.core.extensions)."""
