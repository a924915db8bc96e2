"""Dialogue logic with no Rasa import: reading answers, the interview step, rendering, FAQ answers.

The chat's actions, the staff console and the `advisor` command all call this package.
"""
