"""Records of the matrix domain."""
