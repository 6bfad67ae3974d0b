/*
 * libFuzzer target: arbitrary bytes as an ADMX with the same bytes as its
 * ADML (hardened libxml2 parsing, both readers), then the model checks and
 * the writers; and as a lone ADML.  The XML is parsed once per input, from
 * memory: the readers share the document, so a run costs one parse.
 */
#include <stdint.h>

#include <libxml/tree.h>

#include "fuzz_tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hp_error e = HP_ERROR_INIT;
	struct hp_warnings w = HP_WARNINGS_INIT;
	struct hp_tmpl *t, *u;
	xmlDocPtr doc;
	int ok;

	if ((doc = hp_xml_read("fuzz.admx", data, len, &e)) == NULL)
		return 0;
	t = hp_tmpl_new();
	u = hp_tmpl_new();
	ok = hp_admx_read_doc(t, "fuzz.admx", doc, &w, &e) == 0;
	if (ok)
		ok = hp_adml_read_doc(t, "en-US", "fuzz.adml", doc, &w,
		    &e) == 0;
	exercise(t, "en-US", ok, 1);
	ok = hp_adml_read_doc(u, "en-US", "fuzz.adml", doc, &w, &e) == 0;
	exercise(u, "en-US", ok, 0);
	hp_warnings_release(&w);
	xmlFreeDoc(doc);
	return 0;
}
