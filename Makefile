# Shortcuts for tools/dev, which also installs what is missing.
.PHONY: run test bench
run:
	tools/dev run
test:
	tools/dev test
bench:
	tools/dev bench
