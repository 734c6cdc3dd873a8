"""What the matrix domain adds to shared pages and commands (see clearinghouse.core.extensions)."""
