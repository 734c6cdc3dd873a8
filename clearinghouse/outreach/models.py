"""Records of the outreach domain."""
