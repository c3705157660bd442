"""The exercise catalogue and the programs, as YAML data files, with their loader and validator."""
