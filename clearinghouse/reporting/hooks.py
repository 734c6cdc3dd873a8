"""What the reporting domain adds to shared pages and commands (see clearinghouse.core.extensions)."""
