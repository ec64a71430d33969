@echo off
rem Starts Chorus on the Java launcher with the java on the PATH (Java 21 or newer),
rem or with %CHORUS_JAVA% when set. Extra JVM options go in %CHORUS_VM_ARGS%.
setlocal
set "HERE=%~dp0"
set "JAVA=javaw"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\javaw"
if defined CHORUS_JAVA set "JAVA=%CHORUS_JAVA%"
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%f"
start "Chorus" "%JAVA%" -Xms128m -Xmx2g %CHORUS_VM_ARGS% -jar "%LAUNCHER%" -name Chorus %*
