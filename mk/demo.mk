# mk/demo.mk: make demo, the toolkit at work on its embedded defaults
# under a temporary home (t/demo.sh; nothing to set up, cleans up after).

demo: all
	@sh t/demo.sh

.PHONY: demo
