build-clang/src/templates/mapping.o: src/templates/mapping.c \
  src/core/buf.h src/core/error.h src/core/patch.h src/core/path.h \
  src/core/value.h src/templates/template.h

src/core/buf.h:

src/core/error.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/templates/template.h:
