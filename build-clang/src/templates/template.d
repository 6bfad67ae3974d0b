build-clang/src/templates/template.o: src/templates/template.c \
  src/core/error.h src/templates/template.h src/core/path.h \
  src/core/text.h

src/core/error.h:

src/templates/template.h:

src/core/path.h:

src/core/text.h:
