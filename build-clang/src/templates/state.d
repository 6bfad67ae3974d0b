build-clang/src/templates/state.o: src/templates/state.c src/core/buf.h \
  src/core/error.h src/templates/template.h src/core/path.h \
  src/core/value.h src/core/view.h src/core/patch.h

src/core/buf.h:

src/core/error.h:

src/templates/template.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:

src/core/patch.h:
