"""The hotline staff console: a facts form beside the chat, a live verdict panel, the case log."""
