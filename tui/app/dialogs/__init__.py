"""Modal dialogs: typed ModalScreen subclasses that return a value or None."""
