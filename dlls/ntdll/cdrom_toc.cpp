// Linux's table of contents as Windows' CDROM_TOC (see cdrom_toc.h). A TOC
// entry on Windows is the disc's own (MMC READ TOC format 0): control and
// ADR nibbles, the track number, and the start address; Linux hands the
// same fields out one track at a time.
#include "cdrom_toc.h"

#include <cstring>

using namespace vine::nt;

namespace ntdll::cdrom {
namespace {

void put_address(uint32_t lba, bool msf, UCHAR address[4]) {
    if (msf) {
        msf_of(lba, address);
        return;
    }
    address[0] = static_cast<UCHAR>(lba >> 24);
    address[1] = static_cast<UCHAR>(lba >> 16);
    address[2] = static_cast<UCHAR>(lba >> 8);
    address[3] = static_cast<UCHAR>(lba);
}

void put_length(ULONG bytes, UCHAR length[2]) {
    // Length counts the bytes after itself.
    ULONG after = bytes - 2;
    length[0] = static_cast<UCHAR>(after >> 8);
    length[1] = static_cast<UCHAR>(after);
}

}  // namespace

void msf_of(uint32_t lba, UCHAR address[4]) {
    uint32_t frames = lba + CD_MSF_OFFSET;
    address[0] = 0;
    address[1] = static_cast<UCHAR>(frames / (CD_SECS * CD_FRAMES));
    address[2] = static_cast<UCHAR>(frames / CD_FRAMES % CD_SECS);
    address[3] = static_cast<UCHAR>(frames % CD_FRAMES);
}

ULONG toc_from_linux(const cdrom_tochdr& header, const std::vector<cdrom_tocentry>& entries, bool msf,
                     CDROM_TOC& toc) {
    std::memset(&toc, 0, sizeof toc);
    if (header.cdth_trk0 > header.cdth_trk1) return 0;
    size_t tracks = static_cast<size_t>(header.cdth_trk1 - header.cdth_trk0) + 1;
    // The tracks and the lead-out, which must fit Windows' hundred entries.
    if (entries.size() != tracks + 1 || entries.size() > MAXIMUM_NUMBER_TRACKS) return 0;
    toc.FirstTrack = header.cdth_trk0;
    toc.LastTrack = header.cdth_trk1;
    for (size_t i = 0; i < entries.size(); ++i) {
        const cdrom_tocentry& entry = entries[i];
        TRACK_DATA& track = toc.TrackData[i];
        bool lead_out = i == tracks;
        if (lead_out ? entry.cdte_track != CDROM_LEADOUT : entry.cdte_track != header.cdth_trk0 + i) return 0;
        if (entry.cdte_format != CDROM_LBA || entry.cdte_addr.lba < 0) return 0;
        track.Control = entry.cdte_ctrl & 0xf;
        track.Adr = entry.cdte_adr & 0xf;
        track.TrackNumber = lead_out ? kLeadOutTrack : entry.cdte_track;
        put_address(static_cast<uint32_t>(entry.cdte_addr.lba), msf, track.Address);
    }
    ULONG bytes = static_cast<ULONG>(offsetof(CDROM_TOC, TrackData) + entries.size() * sizeof(TRACK_DATA));
    put_length(bytes, toc.Length);
    return bytes;
}

ULONG session_from_linux(const cdrom_multisession& multisession, const cdrom_tochdr& header,
                         const std::vector<cdrom_tocentry>& entries, bool msf, CDROM_TOC_SESSION_DATA& session) {
    std::memset(&session, 0, sizeof session);
    // Linux says only whether the disc has sessions after the first and
    // where the last starts: sessions are counted as one or "the last".
    session.FirstCompleteSession = 1;
    session.LastCompleteSession = 1;
    TRACK_DATA& track = session.TrackData[0];
    uint32_t start = 0;
    if (multisession.xa_flag && multisession.addr_format == CDROM_LBA && multisession.addr.lba > 0)
        start = static_cast<uint32_t>(multisession.addr.lba);
    // The track that starts there (the first one on a single-session disc).
    track.TrackNumber = header.cdth_trk0;
    for (const cdrom_tocentry& entry : entries)
        if (entry.cdte_track != CDROM_LEADOUT && entry.cdte_format == CDROM_LBA &&
            entry.cdte_addr.lba == static_cast<int>(start)) {
            track.TrackNumber = entry.cdte_track;
            track.Control = entry.cdte_ctrl & 0xf;
            track.Adr = entry.cdte_adr & 0xf;
            break;
        }
    put_address(start, msf, track.Address);
    ULONG bytes = sizeof session;
    put_length(bytes, session.Length);
    return bytes;
}

}  // namespace ntdll::cdrom
