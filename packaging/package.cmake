# The Debian package: `cpack -G DEB` in the build directory (or `make deb`)
# writes sdesk_<version>_<arch>.deb with everything `cmake --install` puts
# under /usr: the binary, the man pages (docs/CMakeLists.txt), the shell
# completions at Debian's paths, and under /usr/share/doc/sdesk/ the
# copyright file, README.md and examples/ (the commented configuration, the
# cron script, the systemd units). Depends comes from dpkg-shlibdeps: the
# binary links only libc (every C++ library is static or header-only, see
# the top-level CMakeLists.txt); tests/cli/package.sh checks the package.

install(FILES packaging/copyright README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES examples/config.toml examples/systemd/sdesk-escalate.service
              examples/systemd/sdesk-tick.service examples/systemd/sdesk-tick.timer examples/sdesk-tick.cron
              examples/systemd/sdesk-escalate.timer
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(PROGRAMS examples/monthly-report-cron.sh DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
# Monitoring receivers (docs/sdesk-event.md).
install(FILES examples/alertmanager/hooks.json examples/alertmanager/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/alertmanager)
install(PROGRAMS examples/alertmanager/sdesk-alertmanager.sh DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/alertmanager)
install(FILES examples/nagios/sdesk.cfg examples/nagios/icinga2.conf DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/nagios)
install(PROGRAMS examples/zabbix/sdesk-zabbix.sh DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/zabbix)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sdesk)
set(CPACK_PACKAGE_VENDOR "the sdesk authors")
set(CPACK_PACKAGE_CONTACT "sdesk maintainers <maintainers@users.noreply.h-seed-8d8d9852.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "command-line IT service desk")
# The long description; CPack indents it under the summary line.
set(CPACK_PACKAGE_DESCRIPTION "sdesk records incidents, service requests, changes and problems in one
SQLite file, with an audit trail of every change, SLA clocks, escalation,
reports and JSON output for scripts. Start with man sdesk.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
