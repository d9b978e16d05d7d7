"""Sub-commands of the command line, one module per group (see cli.COMMAND_MODULES)."""
