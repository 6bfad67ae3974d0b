build-clang/src/policy/fleet.o: src/policy/fleet.c src/core/buf.h \
  src/policy/check.h src/core/patch.h src/core/path.h src/core/value.h \
  src/policy/policy.h src/core/view.h src/core/error.h src/core/file.h \
  src/policy/fleet.h src/core/limits.h src/formats/source.h \
  src/core/tree.h src/policy/targets.h

src/core/buf.h:

src/policy/check.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/core/view.h:

src/core/error.h:

src/core/file.h:

src/policy/fleet.h:

src/core/limits.h:

src/formats/source.h:

src/core/tree.h:

src/policy/targets.h:
