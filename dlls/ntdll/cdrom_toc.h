// Linux's table of contents as Windows' (cdrom_toc.cpp): what
// IOCTL_CDROM_READ_TOC(_EX) return from the answers of CDROMREADTOCHDR and
// CDROMREADTOCENTRY. Kept apart from the device so it is unit-tested.
#pragma once

#include <linux/cdrom.h>

#include <cstdint>
#include <vector>

#include "vine/cdrom.h"

namespace ntdll::cdrom {

// Windows' MSF (minute, second, frame) of a logical block: block 0 is
// 00:02:00, after the 150 frames of the pregap.
void msf_of(uint32_t lba, UCHAR address[4]);

// The CDROM_TOC of a disc whose header says tracks `header.cdth_trk0` to
// `cdth_trk1` and whose `entries` (LBA format, CDROM_LBA) are those tracks
// followed by the lead-out (CDROM_LEADOUT). `msf`: addresses as MSF (what
// IOCTL_CDROM_READ_TOC gives), else big-endian block numbers. Returns the
// bytes of `toc` that hold data (its Length field counts those after it);
// 0 when the entries do not match the header.
ULONG toc_from_linux(const cdrom_tochdr& header, const std::vector<cdrom_tocentry>& entries, bool msf,
                     vine::nt::CDROM_TOC& toc);

// The CDROM_TOC_SESSION_DATA of IOCTL_CDROM_GET_LAST_SESSION (and the
// session format of READ_TOC_EX) from CDROMMULTISESSION (LBA format) and
// the disc's tracks (as toc_from_linux takes them): the first track of the
// last session and where it starts. Returns the bytes that hold data.
ULONG session_from_linux(const cdrom_multisession& multisession, const cdrom_tochdr& header,
                         const std::vector<cdrom_tocentry>& entries, bool msf,
                         vine::nt::CDROM_TOC_SESSION_DATA& session);

}  // namespace ntdll::cdrom
