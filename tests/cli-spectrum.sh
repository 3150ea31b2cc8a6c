# placeholder (sourced by tests/cli.sh)
