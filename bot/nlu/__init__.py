"""Custom Rasa NLU components for Chinese chat: Simplified→Traditional, quantities and domain terms."""
