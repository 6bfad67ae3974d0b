build-clang/src/policy/report_text.o: src/policy/report_text.c \
  src/core/buf.h src/policy/report.h src/policy/check.h src/core/patch.h \
  src/core/path.h src/core/value.h src/policy/policy.h src/core/view.h

src/core/buf.h:

src/policy/report.h:

src/policy/check.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/core/view.h:
