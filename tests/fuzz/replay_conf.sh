# Replays the resolv.conf, RES_OPTIONS, nsswitch.conf, server address and hosts-file fuzz corpus through
# fuzz_conf.c.
exec "$top_builddir/tests/fuzz/replay_conf" "$top_srcdir/tests/fuzz/corpus/conf"
