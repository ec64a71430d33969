#!/bin/sh
# Starts Chorus on the Java launcher with a Java 21 or newer runtime ($CHORUS_JAVA, $JAVA_HOME,
# /usr/libexec/java_home, or the java on the PATH). SWT needs the first thread on macOS.
here=$(cd "$(dirname "$0")" && pwd)
java="$CHORUS_JAVA"
[ -z "$java" ] && [ -n "$JAVA_HOME" ] && java="$JAVA_HOME/bin/java"
[ -z "$java" ] && [ -x /usr/libexec/java_home ] && java="$(/usr/libexec/java_home -v 21+ 2>/dev/null)/bin/java"
[ -z "$java" ] && java=java
launcher=$(ls "$here"/plugins/org.eclipse.equinox.launcher_*.jar "$here"/*.app/Contents/Eclipse/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
# shellcheck disable=SC2086
exec "$java" -XstartOnFirstThread -Xms128m -Xmx2g $CHORUS_VM_ARGS -jar "$launcher" -name Chorus "$@"
