# CPack: `cpack -G DEB` in a build folder makes camaudit_VERSION_ARCH.deb for Debian 12, its
# library dependencies read from the binary by dpkg-shlibdeps (package dpkg-dev).
set(CPACK_PACKAGE_NAME camaudit)
set(CPACK_PACKAGE_VENDOR "camaudit")
set(CPACK_PACKAGE_CONTACT "camaudit maintainers <camaudit@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "network camera inventory and compliance scanner")
set(CPACK_PACKAGE_DESCRIPTION "camaudit finds the IP cameras, NVRs and DVRs on a network, \
names their maker, brand, model and firmware with the evidence for each claim, flags what a \
regulation covers (NDAA 889, the FCC Covered List, ...) and writes a compliance report for \
people and SIEMs.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ieee-data: the OUI registry read at run time (/usr/share/ieee-data); not a linked library.
set(CPACK_DEBIAN_PACKAGE_DEPENDS ieee-data)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "systemd, bash-completion")
include(CPack)
