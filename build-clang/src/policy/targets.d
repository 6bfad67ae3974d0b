build-clang/src/policy/targets.o: src/policy/targets.c src/core/error.h \
  src/policy/targets.h src/formats/source.h src/core/patch.h \
  src/core/path.h src/core/value.h src/core/tree.h src/core/view.h

src/core/error.h:

src/policy/targets.h:

src/formats/source.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/tree.h:

src/core/view.h:
