"""The lesson kit: what the lessons share (dependencies, gate, queries, lanes, sheets) and their live socket."""
