// dlls/ntdll/cdrom_toc.cpp: Linux's CDROMREADTOCHDR/CDROMREADTOCENTRY
// answers become the CDROM_TOC and CDROM_TOC_SESSION_DATA Windows'
// IOCTL_CDROM_READ_TOC(_EX) and GET_LAST_SESSION return.
#include "../../dlls/ntdll/cdrom_toc.h"

#include <gtest/gtest.h>

#include <vector>

using namespace vine::nt;
using ntdll::cdrom::msf_of;
using ntdll::cdrom::session_from_linux;
using ntdll::cdrom::toc_from_linux;

namespace {

cdrom_tocentry entry(int track, int lba, int control, int adr = 1) {
    cdrom_tocentry e{};
    e.cdte_track = static_cast<__u8>(track);
    e.cdte_adr = static_cast<__u8>(adr);
    e.cdte_ctrl = static_cast<__u8>(control);
    e.cdte_format = CDROM_LBA;
    e.cdte_addr.lba = lba;
    return e;
}

// A data track at 0, an audio track at 12345, the lead-out at 200000.
std::vector<cdrom_tocentry> two_tracks() {
    return {entry(1, 0, CDROM_DATA_TRACK), entry(2, 12345, 0), entry(CDROM_LEADOUT, 200000, 0)};
}

}  // namespace

TEST(CdromToc, MsfCountsThePregap) {
    UCHAR address[4] = {9, 9, 9, 9};
    msf_of(0, address);
    EXPECT_EQ(0, address[0]);
    EXPECT_EQ(0, address[1]);
    EXPECT_EQ(2, address[2]);  // block 0 is 00:02:00
    EXPECT_EQ(0, address[3]);
    msf_of(12345, address);  // 12495 frames: 2 min 46 s 45 frames
    EXPECT_EQ(2, address[1]);
    EXPECT_EQ(46, address[2]);
    EXPECT_EQ(45, address[3]);
}

TEST(CdromToc, TracksAndLeadOutInMsf) {
    cdrom_tochdr header{1, 2};
    CDROM_TOC toc;
    ULONG bytes = toc_from_linux(header, two_tracks(), true, toc);
    // Four header bytes and three entries; Length counts what follows it.
    EXPECT_EQ(4u + 3 * sizeof(TRACK_DATA), bytes);
    EXPECT_EQ(0, toc.Length[0]);
    EXPECT_EQ(bytes - 2, toc.Length[1]);
    EXPECT_EQ(1, toc.FirstTrack);
    EXPECT_EQ(2, toc.LastTrack);
    EXPECT_EQ(1, toc.TrackData[0].TrackNumber);
    EXPECT_EQ(CDROM_DATA_TRACK, toc.TrackData[0].Control);
    EXPECT_EQ(1, toc.TrackData[0].Adr);
    EXPECT_EQ(2, toc.TrackData[0].Address[2]);
    EXPECT_EQ(2, toc.TrackData[1].TrackNumber);
    EXPECT_EQ(0, toc.TrackData[1].Control);
    EXPECT_EQ(46, toc.TrackData[1].Address[2]);
    EXPECT_EQ(kLeadOutTrack, toc.TrackData[2].TrackNumber);
    // 200150 frames: 44 min 28 s 50 frames.
    EXPECT_EQ(44, toc.TrackData[2].Address[1]);
    EXPECT_EQ(28, toc.TrackData[2].Address[2]);
    EXPECT_EQ(50, toc.TrackData[2].Address[3]);
    EXPECT_EQ(0, toc.TrackData[3].TrackNumber);  // the rest is zero
}

TEST(CdromToc, BlockAddressesAreBigEndian) {
    cdrom_tochdr header{1, 2};
    CDROM_TOC toc;
    ASSERT_NE(0u, toc_from_linux(header, two_tracks(), false, toc));
    const UCHAR* address = toc.TrackData[2].Address;  // 200000 = 0x00030d40
    EXPECT_EQ(0x00, address[0]);
    EXPECT_EQ(0x03, address[1]);
    EXPECT_EQ(0x0d, address[2]);
    EXPECT_EQ(0x40, address[3]);
}

TEST(CdromToc, EntriesMustMatchTheHeader) {
    CDROM_TOC toc;
    cdrom_tochdr three{1, 3};
    EXPECT_EQ(0u, toc_from_linux(three, two_tracks(), true, toc));  // a track short
    auto no_lead_out = two_tracks();
    no_lead_out.back().cdte_track = 3;
    cdrom_tochdr two{1, 2};
    EXPECT_EQ(0u, toc_from_linux(two, no_lead_out, true, toc));
    auto msf_entries = two_tracks();
    msf_entries[0].cdte_format = CDROM_MSF;  // only LBA answers are taken
    EXPECT_EQ(0u, toc_from_linux(two, msf_entries, true, toc));
    cdrom_tochdr backwards{2, 1};
    EXPECT_EQ(0u, toc_from_linux(backwards, two_tracks(), true, toc));
}

TEST(CdromToc, AHundredEntriesAtMost) {
    // 99 tracks and the lead-out fill CDROM_TOC; a 100th track cannot fit.
    std::vector<cdrom_tocentry> entries;
    for (int track = 1; track <= 99; ++track) entries.push_back(entry(track, track * 1000, 0));
    entries.push_back(entry(CDROM_LEADOUT, 100000, 0));
    CDROM_TOC toc;
    cdrom_tochdr full{1, 99};
    EXPECT_EQ(sizeof(CDROM_TOC), toc_from_linux(full, entries, true, toc));
    EXPECT_EQ(kLeadOutTrack, toc.TrackData[99].TrackNumber);
    entries.insert(entries.end() - 1, entry(100, 99500, 0));
    cdrom_tochdr over{1, 100};
    EXPECT_EQ(0u, toc_from_linux(over, entries, true, toc));
}

TEST(CdromToc, LastSessionOfASingleSessionDisc) {
    cdrom_multisession multisession{};
    multisession.addr_format = CDROM_LBA;
    multisession.xa_flag = 0;
    cdrom_tochdr header{1, 2};
    CDROM_TOC_SESSION_DATA session;
    ULONG bytes = session_from_linux(multisession, header, two_tracks(), false, session);
    EXPECT_EQ(sizeof(CDROM_TOC_SESSION_DATA), bytes);
    EXPECT_EQ(bytes - 2, session.Length[1]);
    EXPECT_EQ(1, session.FirstCompleteSession);
    EXPECT_EQ(1, session.LastCompleteSession);
    EXPECT_EQ(1, session.TrackData[0].TrackNumber);
    EXPECT_EQ(CDROM_DATA_TRACK, session.TrackData[0].Control);
    EXPECT_EQ(0, session.TrackData[0].Address[3]);
}

TEST(CdromToc, LastSessionStartsAtItsTrack) {
    cdrom_multisession multisession{};
    multisession.addr_format = CDROM_LBA;
    multisession.xa_flag = 1;
    multisession.addr.lba = 12345;
    cdrom_tochdr header{1, 2};
    CDROM_TOC_SESSION_DATA session;
    session_from_linux(multisession, header, two_tracks(), true, session);
    EXPECT_EQ(2, session.TrackData[0].TrackNumber);
    EXPECT_EQ(2, session.TrackData[0].Address[1]);
    EXPECT_EQ(46, session.TrackData[0].Address[2]);
    EXPECT_EQ(45, session.TrackData[0].Address[3]);
}
