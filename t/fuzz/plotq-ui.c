/* t/fuzz/plotq-ui.c: what plotq ui reads from the terminal and shows.
 *
 * The input is read as terminal bytes (keys, with and without waiting for
 * more), as text for a screen line of the width its first byte gives, as
 * a job's log line, and as a command line typed in the run dialog.
 * Nothing may crash or leak; keys always make progress when final; a
 * line never grows past its width; a cleaned log line holds no carriage
 * return; a split command has at least one word. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plotq/ui_text.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tline l;
	struct buf b = BUF_INIT;
	char *s, **v;
	const char *why;
	size_t off, used, i;
	int k, max, utf8;

	for (off = 0; off < size; off += used) {
		used = ui_key(data + off, size - off, 0, &k);
		if (used == 0)
			used = ui_key(data + off, size - off, 1, &k);
		if (used == 0 || used > size - off)
			abort();
	}
	if (size == 0)
		return 0;
	max = data[0] % 100;
	utf8 = data[0] & 1;
	memset(&l, 0, sizeof l);
	tl_reset(&l, max, utf8);
	tl_text(&l, (const char *)data + 1, size - 1);
	if (l.w > max || l.w != ui_width((const char *)data + 1, size - 1,
	    utf8, max))
		abort();
	tl_pad(&l, max + 5);
	if (l.w != max)
		abort();
	tl_free(&l);
	ui_log_clean((const char *)data, size, &b);
	if (b.p && memchr(b.p, '\r', b.len))
		abort();
	buf_free(&b);
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if ((v = ui_split(s, &why)) != NULL) {
		if (v[0] == NULL)
			abort();
		for (i = 0; v[i]; i++)
			free(v[i]);
		free(v);
	}
	free(s);
	return 0;
}
