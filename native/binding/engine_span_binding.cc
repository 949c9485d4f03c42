// TdmEngine span commands (export group "engine", see engine_wrap.h): addSpan with its driver
// (virtual SAToP, loop, DAHDI), removeSpan, BERT, transmitter enable, error injection, and spanStatus.
#include <memory>
#include <string>

#include "binding/engine_wrap.h"
#include "virtual/satop_driver.h"
#include "loop/loop_driver.h"
#if TANDEM_HAVE_DAHDI
#include "dahdi/dahdi_driver.h"
#endif

namespace tandem::engine_binding {

// addSpan({ name, driver:'virtual', localHost, localPort, remoteHost, remotePort, jitterBufferPackets,
//           losThresholdMs, crc4, signallingTimeslots, law, pcap, alarmRaiseMs, alarmClearMs }) -> handle
Napi::Value EngineWrap::addSpan(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Engine* eng = engine(env);
  if (info.Length() < 1 || !info[0].IsObject()) throwType(env, "addSpan(config): config must be an object");
  Napi::Object o = info[0].As<Napi::Object>();
  std::string driver = strProp(env, o, "driver");
  std::unique_ptr<drivers::SpanDriver> drv;
  if (driver == "virtual") {
    drivers::SatopConfig dc;
    dc.localHost = strProp(env, o, "localHost");
    dc.localPort = static_cast<uint16_t>(intProp(env, o, "localPort", 0, 65535));
    dc.remoteHost = strProp(env, o, "remoteHost");
    dc.remotePort = static_cast<uint16_t>(intProp(env, o, "remotePort", 1, 65535));
    dc.jitterPackets = intProp(env, o, "jitterBufferPackets", 1, 64);
    dc.losThresholdMs = intProp(env, o, "losThresholdMs", 1, 10000);
    drv = std::make_unique<drivers::SatopDriver>(dc);
  } else if (driver == "loop") {  // in-memory loop to the span named `peer` of this engine
    drivers::LoopConfig dc;
    dc.scope = eng;
    dc.name = strProp(env, o, "name");
    dc.peer = strProp(env, o, "peer");
    dc.losThresholdMs = intProp(env, o, "losThresholdMs", 1, 10000);
    drv = std::make_unique<drivers::LoopDriver>(dc);
#if TANDEM_HAVE_DAHDI
  } else if (driver == "dahdi") {
    drivers::DahdiConfig dc;
    dc.spanNo = intProp(env, o, "dahdiSpan", 1, 128);
    dc.firstChannel = intProp(env, o, "dahdiFirstChannel", 1, 1024);
    dc.crc4 = boolProp(env, o, "crc4");
    drv = std::make_unique<drivers::DahdiDriver>(dc);
#endif
  } else {
    throwDomain(env, "EDRIVER", "span driver \"" + driver + "\" is not available in this build");
  }
  core::SpanParams sp;
  sp.handle = ++lastHandle_;
  sp.crc4 = boolProp(env, o, "crc4");
  sp.alarmRaiseMs = intProp(env, o, "alarmRaiseMs", 1, 100000);
  sp.alarmClearMs = intProp(env, o, "alarmClearMs", 1, 100000);
  std::string law = strProp(env, o, "law");
  if (law != "alaw" && law != "ulaw") throwType(env, "law must be \"alaw\" or \"ulaw\"");
  sp.idleOctet = law == "alaw" ? 0xD5 : 0xFF;
  Napi::Value sig = o.Get("signallingTimeslots");
  if (!sig.IsArray()) throwType(env, "signallingTimeslots must be an array of timeslots");
  Napi::Array sa = sig.As<Napi::Array>();
  sp.signallingMask = 0;
  for (uint32_t i = 0; i < sa.Length(); ++i) {
    int32_t ts = intArg(env, sa.Get(i), "signallingTimeslots[]");
    if (ts < 1 || ts > 31) throwRange(env, "signalling timeslots must be 1..31");
    sp.signallingMask |= 1u << ts;
  }
  Napi::Value pcap = o.Get("pcap");
  if (pcap.IsString()) sp.pcapPath = pcap.As<Napi::String>().Utf8Value();
  else if (!pcap.IsNull() && !pcap.IsUndefined()) throwType(env, "pcap must be a path or null");

  auto s = std::make_unique<Span>(sp, std::move(drv), &eng->eventSink());
  try {
    s->open();
  } catch (const drivers::DriverError& e) {
    throwDomain(env, e.code(), e.what());
  }
  Command c;
  c.type = CommandType::AddSpan;
  c.target = s.get();
  post(env, c);
  Span* raw = s.release();
  spans_[sp.handle] = raw;
  return Napi::Number::New(env, sp.handle);
}

Napi::Value EngineWrap::removeSpan(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Span* s = span(env, info[0]);
  uint32_t h = s->handle();
  for (auto it = channels_.begin(); it != channels_.end();) {
    if (it->second.span == s) it = channels_.erase(it);  // deleted with the span
    else ++it;
  }
  Command c;
  c.type = CommandType::RemoveSpan;
  c.target = s;
  post(env, c);
  spans_.erase(h);
  return env.Undefined();
}

Napi::Value EngineWrap::spanCommand(const Napi::CallbackInfo& info, CommandType type, int64_t a) {
  Napi::Env env = info.Env();
  Command c;
  c.type = type;
  c.target = span(env, info[0]);
  c.a = a;
  post(env, c);
  return env.Undefined();
}

Napi::Value EngineWrap::setBert(const Napi::CallbackInfo& info) {
  if (info.Length() < 2 || !info[1].IsBoolean()) throwType(info.Env(), "setBert(span, on): on must be a boolean");
  return spanCommand(info, CommandType::SpanBert, info[1].As<Napi::Boolean>().Value() ? 1 : 0);
}

Napi::Value EngineWrap::setTxEnabled(const Napi::CallbackInfo& info) {
  if (info.Length() < 2 || !info[1].IsBoolean()) throwType(info.Env(), "setTxEnabled(span, on): on must be a boolean");
  return spanCommand(info, CommandType::SpanTxEnable, info[1].As<Napi::Boolean>().Value() ? 1 : 0);
}

Napi::Value EngineWrap::injectErrors(const Napi::CallbackInfo& info) {
  int32_t n = intArg(info.Env(), info.Length() > 1 ? info[1] : info.Env().Undefined(), "bits");
  if (n < 1 || n > 1000000) throwRange(info.Env(), "bits must be 1..1000000");
  return spanCommand(info, CommandType::SpanInjectErrors, n);
}

Napi::Value EngineWrap::spanStatus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Span* s = span(env, info[0]);
  const auto& n = s->snapshot();
  const auto r = std::memory_order_relaxed;
  Napi::Object o = Napi::Object::New(env);
  auto num = [&](const char* k, double v) { o.Set(k, Napi::Number::New(env, v)); };
  auto flag = [&](const char* k, bool v) { o.Set(k, Napi::Boolean::New(env, v)); };
  num("ticks", static_cast<double>(n.ticks.load(r)));
  flag("frameAligned", n.frameAligned.load(r));
  flag("mfAligned", n.mfAligned.load(r));
  flag("crc4Active", n.crc4Active.load(r));
  Napi::Object def = Napi::Object::New(env);
  def.Set("LOS", n.defLos.load(r));
  def.Set("LOF", n.defLof.load(r));
  def.Set("AIS", n.defAis.load(r));
  def.Set("RAI", n.defRai.load(r));
  o.Set("defects", def);
  Napi::Object al = Napi::Object::New(env);
  uint32_t mask = n.alarms.load(r);
  for (int i = 0; i < core::kAlarmCount; ++i) al.Set(core::alarmName(static_cast<core::Alarm>(i)), Napi::Boolean::New(env, (mask >> i) & 1u));
  o.Set("alarms", al);
  flag("raiSent", n.raiSent.load(r));
  num("alignedAfterMs", static_cast<double>(n.alignedAfterTicks.load(r)));
  num("mfAlignedAfterMs", static_cast<double>(n.mfAlignedAfterTicks.load(r)));
  num("alignBufferMs", static_cast<double>(n.bufferTicks.load(r)));
  Napi::Object c = Napi::Object::New(env);
  auto cnt = [&](const char* k, uint64_t v) { c.Set(k, Napi::Number::New(env, static_cast<double>(v))); };
  cnt("framer.frames", n.frames.load(r));
  cnt("framer.crcErrors", n.crcErrors.load(r));
  cnt("framer.febe", n.febe.load(r));
  cnt("framer.fasErrors", n.fasErrors.load(r));
  cnt("framer.slips", n.slips.load(r));
  cnt("framer.realignments", n.realignments.load(r));
  cnt("framer.injectedBitErrors", n.injected.load(r));
  cnt("line.fillTicks", n.underrunTicks.load(r));
  const drivers::DriverCounters& d = s->driver().counters();
  cnt("driver.txBlocks", d.txBlocks.load(r));
  cnt("driver.rxBlocks", d.rxBlocks.load(r));
  cnt("driver.playedOut", d.playedOut.load(r));
  cnt("driver.underruns", d.underruns.load(r));
  cnt("driver.lost", d.lost.load(r));
  cnt("driver.late", d.late.load(r));
  cnt("driver.duplicate", d.duplicate.load(r));
  cnt("driver.reordered", d.reordered.load(r));
  cnt("driver.overruns", d.overruns.load(r));
  cnt("driver.malformed", d.malformed.load(r));
  cnt("driver.wrongSource", d.wrongSource.load(r));
  cnt("driver.resyncs", d.resyncs.load(r));
  cnt("driver.txErrors", d.txErrors.load(r));
  cnt("driver.losEvents", d.losEvents.load(r));
  cnt("pcap.written", n.pcapWritten.load(r));
  cnt("pcap.dropped", n.pcapDropped.load(r));
  o.Set("counters", c);
  Napi::Object b = Napi::Object::New(env);
  b.Set("on", n.bert.load(r));
  b.Set("synced", n.bertSynced.load(r));
  b.Set("bits", static_cast<double>(n.bertBits.load(r)));
  b.Set("bitErrors", static_cast<double>(n.bertErrors.load(r)));
  b.Set("syncLosses", static_cast<double>(n.bertSyncLosses.load(r)));
  o.Set("bert", b);
  flag("los", s->driver().los());
  return o;
}

}  // namespace tandem::engine_binding
