# t/helpers/examples-lib.sh: a small machine for the doc/examples tests
# (sourced after t/lib.sh).
#
# The examples name real paths (/srv/app, /var/log/app, /var/tmp,
# /usr/local/bin) and a user app. The tests run them unchanged inside a
# private mount namespace where those paths are bind mounts of
# directories in the trash directory, and /etc/passwd and /etc/group
# are copies with the user app added: nothing on the host changes.
#
# ex_setup		make $ROOT (the trash's /srv, /var/log, /var/tmp,
#			/etc/passwd, /etc/group) and the app user; sets
#			APP_UID and EX (the examples directory)
# tk-exns CMD...		(t/helpers/tk-exns) run CMD in the namespace
# ex_server FILE	write the test app, a shell loop, to FILE
# ex_cleanup		(a cleanup hook) kill what runs as the app user
#
# Prerequisite EXNS: root, and a mount namespace with bind mounts works.

EX=$TOP/doc/examples
ROOT=$TRASH_DIRECTORY/root
# A uid no one else on the machine uses, so that the cleanup may kill
# every process it owns.
APP_UID=$((61000 + $$ % 2000))
export EX ROOT APP_UID

if [ "$(id -u)" = 0 ] && unshare -m --propagation private \
    sh -c "mount --bind /tmp /srv" >/dev/null 2>&1 </dev/null; then
	test_set_prereq EXNS
fi

ex_setup() {
	mkdir -p "$ROOT/etc" "$ROOT/srv/app" "$ROOT/var/log" "$ROOT/var/tmp" &&
	chmod 1777 "$ROOT/var/tmp" &&
	chown $APP_UID:$APP_UID "$ROOT/srv/app" &&
	cp /etc/passwd /etc/group "$ROOT/etc/" &&
	echo "app:x:$APP_UID:$APP_UID:app:/srv/app:/usr/sbin/nologin" >>"$ROOT/etc/passwd" &&
	echo "app:x:$APP_UID:" >>"$ROOT/etc/group"
}

# The app: says who and where it runs, then ticks on stdout, with a
# warning on stderr every tenth tick, until it is stopped.
ex_server() {
	cat >"$1" <<-\EOF
	#!/bin/sh
	if touch /srv/app/.w 2>/dev/null; then ro=no; else ro=yes; fi
	echo "start user=$(id -un) tmp=$(ls -A /tmp | wc -l) ro=$ro pid=$$"
	i=0
	while :; do
		i=$((i + 1))
		echo "tick $i"
		[ $((i % 10)) = 0 ] && echo "warn $i" >&2
		sleep 0.05
	done
	EOF
	chmod 755 "$1"
}

ex_cleanup() {
	pkill -KILL -U "$APP_UID" 2>/dev/null
	return 0
}
