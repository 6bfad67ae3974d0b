/*
 * The floors: a bare libhivex walk that reads every key name, value name
 * and value's data, and does nothing with them (export, import, apply);
 * with -o, libhivex merely opening and closing the hive (check).
 */
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long long keys, values, bytes;

static int
walk(hive_h *h, hive_node_h node)
{
	hive_node_h *kids;
	hive_value_h *vals;
	size_t i, len;
	hive_type t;
	char *s;

	if ((s = hivex_node_name(h, node)) == NULL)
		return -1;
	free(s);
	keys++;
	if ((vals = hivex_node_values(h, node)) == NULL)
		return -1;
	for (i = 0; vals[i] != 0; i++) {
		free(hivex_value_key(h, vals[i]));
		free(hivex_value_value(h, vals[i], &t, &len));
		values++;
		bytes += len;
	}
	free(vals);
	if ((kids = hivex_node_children(h, node)) == NULL)
		return -1;
	for (i = 0; kids[i] != 0; i++)
		if (walk(h, kids[i]) == -1)
			return -1;
	free(kids);
	return 0;
}

int
main(int argc, char **argv)
{
	hive_h *h;
	int open_only = argc == 3 && argv[1][0] == '-' && argv[1][1] == 'o';

	if (argc != 2 + open_only ||
	    (h = hivex_open(argv[1 + open_only], 0)) == NULL) {
		fprintf(stderr, "usage: walk [-o] HIVE\n");
		return 2;
	}
	if (open_only) {
		hivex_close(h);
		return 0;
	}
	if (walk(h, hivex_root(h)) == -1) {
		perror(argv[1]);
		return 1;
	}
	fprintf(stderr, "%llu keys, %llu values, %llu data bytes\n", keys,
	    values, bytes);
	hivex_close(h);
	return 0;
}
