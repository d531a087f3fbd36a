"""Publishing: the offline reading copy (site) and the slide decks."""
