"""Sub-commands of ``shahrtrain``: one module per command group, each with ``register()``.

To add a group, write ``commands/<name>.py`` with ``register(subparsers)`` that adds its parser
and sets ``handler=`` via ``set_defaults``; then list the module in ``cli.COMMAND_MODULES``.
"""
