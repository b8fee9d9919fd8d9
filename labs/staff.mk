# Staff-only targets (never exported to students): handouts, the course
# repository, and the honesty check. Included by the Makefile when present.

.PHONY: handout course-repo check-handouts

# build/export/labN-starter, labN-solution and labN-lab for LAB=n.
handout:
	$(V)for kind in starter solution lab; do \
		$(PYTHON) labs/export.py --lab $(LAB) --kind $$kind -o build/export/lab$(LAB)-$$kind || exit 1; \
		echo "  EXPORT  build/export/lab$(LAB)-$$kind"; \
	done

course-repo:
	$(V)$(PYTHON) labs/course_repo.py

check-handouts: deps
	$(V)$(PYTHON) labs/check_handouts.py
