// Two MTP2 links back to back in memory under a fake clock, for tests (export group "mtp2test")
// and the benchmark. Each direction is a 64 kbit/s line: 8 octets per 1 ms step. Two line models:
//  - modelled (default): a signal unit occupies len + 2 (CK) + 1 (flag) octets of line time and is
//    handed to the far end's DAEDR when its last octet has been sent; impairments act per SU
//    (corrupt = the far end sees an FCS error, drop = it vanishes, cut = all-ones line);
//  - hdlc: the real e1::HdlcEncoder/HdlcDecoder (native/e1/hdlc.h) run octet by octet; impairments
//    act on line bits (cut = all ones, bit errors every N bits).
// Everything that happens is written to a transcript, one line per event, with the fake time.
// Not real-time code: this harness allocates freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "e1/hdlc.h"
#include "mtp2/mtp2.h"

namespace tandem::mtp2 {

struct LineImpairment {
  bool cut = false;             // all-ones line (loss of the signalling data link)
  uint32_t corruptNext = 0;     // next N SUs (of the filtered kind) arrive with a bad FCS
  uint32_t dropNext = 0;        // next N SUs (of the filtered kind) vanish
  bool msuOnly = false;         // corruptNext/dropNext count MSUs only
  uint32_t corruptEvery = 0;    // every k-th SU arrives errored (0 = off)
  uint64_t bitErrorEvery = 0;   // hdlc mode: flip one line bit every N bits (0 = off)
  bool freezeBsn = false;       // rewrite BSN/BIB of every SU to the values frozen at the time set
  uint8_t frozenBsn = 0, frozenBib = 0;
  uint8_t bsnAdd = 0;           // add this to the BSN of every SU (acknowledges FSNs never sent)
  bool fibFlip = false;         // invert the FIB of every SU (abnormal FIB)
  uint32_t badLiNext = 0;       // the next N SUs carry an LI that disagrees with their length
};

class Mtp2Pair {
 public:
  struct Options {
    Mtp2Config cfg[2];
    bool hdlc = false;
    bool logReceived = true;   // one transcript line per received MSU
  };
  explicit Mtp2Pair(const Options& o);
  ~Mtp2Pair();

  Mtp2& link(int side);
  LineImpairment& line(int from);  // the direction from -> other side
  void setFreezeBsn(int from, bool on);
  void advanceMs(uint64_t ms);
  uint64_t nowUs() const { return nowUs_; }
  std::vector<std::string> takeTranscript();
  std::vector<std::vector<uint8_t>> takeReceived(int side);
  std::vector<std::vector<uint8_t>> takeRetrieved(int side);
  void note(const std::string& s);  // a line of the test's own into the transcript

  // Benchmark: A sends n MSUs of msuLen octets to B with no line pacing (frames handed straight
  // across, or octet by octet through the real HDLC when hdlc is set). Returns SUs exchanged.
  uint64_t runUnpaced(uint64_t n, size_t msuLen, bool hdlc);

 private:
  struct End;
  void stepLineModelled(int from);
  void stepLineHdlc(int from);
  void deliver(int to, const uint8_t* p, size_t n);
  Options opt_;
  uint64_t nowUs_ = 0;
  std::unique_ptr<End> ends_[2];
  std::vector<std::string> transcript_;
};

}  // namespace tandem::mtp2
