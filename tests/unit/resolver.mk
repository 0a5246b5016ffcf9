# Unit tests of resolver/: configuration, hosts file and search list (test_resolver_conf), and the
# transport and async core against a scripted responder on 127.0.0.1 inside the test (test_resolver_async),
# and the cache with a clock the test moves (test_resolver_cache).
check_PROGRAMS += tests/unit/test_resolver_conf tests/unit/test_resolver_async tests/unit/test_resolver_cache
TESTS += tests/unit/test_resolver_conf tests/unit/test_resolver_async tests/unit/test_resolver_cache
RESOLVER_TEST_LIBS = resolver/libq53resolver.la net/libq53net.la idna/libq53idna.la codec/libq53codec.la \
	$(IDN2_LIBS) $(CMOCKA_LIBS)
tests_unit_test_resolver_conf_SOURCES = tests/unit/test_resolver_conf.c
tests_unit_test_resolver_conf_CFLAGS = $(UNIT_CFLAGS) -I$(top_srcdir)/resolver -I$(top_srcdir)/net
tests_unit_test_resolver_conf_LDADD = $(RESOLVER_TEST_LIBS)
tests_unit_test_resolver_async_SOURCES = tests/unit/test_resolver_async.c
tests_unit_test_resolver_async_CFLAGS = $(UNIT_CFLAGS) -I$(top_srcdir)/resolver -I$(top_srcdir)/net
tests_unit_test_resolver_async_LDADD = $(RESOLVER_TEST_LIBS)
tests_unit_test_resolver_cache_SOURCES = tests/unit/test_resolver_cache.c
tests_unit_test_resolver_cache_CFLAGS = $(UNIT_CFLAGS) -I$(top_srcdir)/resolver -I$(top_srcdir)/net
tests_unit_test_resolver_cache_LDADD = $(RESOLVER_TEST_LIBS)
