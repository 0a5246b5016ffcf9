# Chart of bench/serve.dat (written by bench/serve.sh): queries per second and server CPU per query, UDP and
# TCP, one group of bars per server. Run from bench/: gnuplot serve.gp -> serve.png.
set terminal pngcairo size 1100,450 noenhanced font ",10"
set output "serve.png"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top left
set grid ytics
set multiplot layout 1,2 title "DNS servers on one pinned core, dnsperf on the other (bench/serve.sh)"
set title "queries per second (higher is better)"
plot "serve.dat" using 2:xtic(1) title "UDP", "" using 4 title "TCP"
set title "server CPU per query, us (lower is better)"
plot "serve.dat" using 3:xtic(1) title "UDP", "" using 5 title "TCP"
unset multiplot
