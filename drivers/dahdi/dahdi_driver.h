// drivers/dahdi: E1 spans of DAHDI cards (Digium/Sangoma/OpenVox) behind the span-driver interface.
// SKELETON: written against DAHDI's <dahdi/user.h> but never run on a card (no DAHDI on the build
// machine; scripts/native-sources.mjs skips this directory where the headers are absent, and the
// binding only offers driver "dahdi" when TANDEM_HAVE_DAHDI=1). See docs/native-core.md.
//
// A DAHDI card frames the line in hardware (TS0, CRC-4, alarms), while the engine expects a raw
// G.704 stream. This driver bridges the two:
//   - each of TS1..31 is a DAHDI clear channel (system.conf "clear"/"bchan", rendered from
//     firmware-config/), opened through /dev/dahdi/channel + DAHDI_SPECIFY, block size 8 (1 ms);
//   - receive: 8 octets per timeslot per tick are interleaved into 8 frames, and TS0 is rebuilt by a
//     TxFramer of the driver's own (FAS/NFAS, CRC-4 over the received timeslots) so the span's
//     RxFramer aligns at once; the card's alarms (DAHDI_SPANSTAT) are mapped onto that stream:
//     RED/LOS -> los(), BLUE (AIS) -> all-ones blocks, LFA -> TS0 without FAS (the span sees LOF),
//     YELLOW -> A-bit set (the span sees RAI). Line error counts stay in the card's counters;
//   - transmit: the engine's TS0 is dropped (the card makes its own), TS1..31 are written.
// Not done: clock drift between the card and CLOCK_MONOTONIC (DAHDI_GET_BUFINFO to slip a block),
// per-tick cost of 62 read/write system calls (a DAHDI "span" read of all channels would be better).
#pragma once

#include <atomic>
#include <cstdint>

#include "driver.h"
#include "e1/framer_tx.h"

namespace tandem::drivers {

struct DahdiConfig {
  int spanNo = 1;        // DAHDI span number (for DAHDI_SPANSTAT)
  int firstChannel = 1;  // DAHDI channel number of TS1 (TSn = firstChannel + n - 1)
  bool crc4 = true;      // TS0 rebuilt with CRC-4 (as the card is configured)
};

class DahdiDriver final : public SpanDriver {
 public:
  static constexpr int kStatusEveryTicks = 100;  // DAHDI_SPANSTAT at most every 100 ms

  explicit DahdiDriver(const DahdiConfig& cfg);
  ~DahdiDriver() override;

  const char* kind() const override { return "dahdi"; }
  void open() override;
  void close() override;
  void poll(uint64_t nowUs) override;
  bool readBlock(uint8_t block[kBlockOctets]) override;
  void writeBlock(const uint8_t block[kBlockOctets]) override;
  void setTxEnabled(bool on) override { txEnabled_.store(on, std::memory_order_relaxed); }
  bool los() const override { return los_.load(std::memory_order_relaxed); }
  const DriverCounters& counters() const override { return counters_; }

 private:
  static void bump(std::atomic<uint64_t>& c) { c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }
  void readStatus();

  DahdiConfig cfg_;
  int fds_[32];  // [1..31] channel file descriptors, -1 when closed
  int ctlFd_ = -1;
  e1::TxFramer ts0_;
  int ticks_ = 0;
  bool ais_ = false, lof_ = false;
  std::atomic<bool> los_{false};
  std::atomic<bool> txEnabled_{true};
  DriverCounters counters_;
};

}  // namespace tandem::drivers
