"""Records of the reporting domain."""
