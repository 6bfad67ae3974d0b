build-clang/src/templates/adm.o: src/templates/adm.c src/templates/adm.h \
  src/core/buf.h src/core/error.h src/core/limits.h \
  src/templates/template.h src/core/path.h src/core/text.h

src/templates/adm.h:

src/core/buf.h:

src/core/error.h:

src/core/limits.h:

src/templates/template.h:

src/core/path.h:

src/core/text.h:
