"""Rich renderers: turn domain data into tables and text for a terminal or a pipe."""
