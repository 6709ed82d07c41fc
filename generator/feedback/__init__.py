"""Feedback: form definitions shared by the site and the receiver that stores submissions."""
