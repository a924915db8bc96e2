"""Input/output channels for Rasa."""
