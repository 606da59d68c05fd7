"""Fictional demo content for CaseBrief. Every person, place and agency here is invented."""
