"""Records of the assistance domain."""
