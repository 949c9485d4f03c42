// HMRT, message routing (Q.704 §2.3, Figure 1/Q.704 "message routing"): builds the MSU of an
// MTP-TRANSFER request (SIO and routing label, §2.2) and gives it to the linkset the route set
// selects; the linkset picks the link by SLS (load sharing, §2.3.2, §4.2.1). Messages to a destination
// with no route or an inaccessible one are discarded and counted (the
// user has had MTP-PAUSE).

import { encodeMsu, type NetworkIndicator } from './label.js';
import { isPointCode } from './point-code.js';
import type { MtpTransferRequest, TransferResult } from './primitives.js';
import type { RouteManager } from './route-management.js';

export function route(req: MtpTransferRequest, ownPc: number, ownNi: NetworkIndicator, routes: RouteManager): { result: TransferResult; reason?: string } {
  if (!isPointCode(req.dpc) || !Number.isInteger(req.si) || req.si < 0 || req.si > 15 || !Number.isInteger(req.sls) || req.sls < 0 || req.sls > 15) {
    return { result: 'invalid', reason: 'DPC, SI or SLS out of range' };
  }
  if (req.data.length > 268) return { result: 'invalid', reason: 'user data longer than 268 octets (SIF max 272, Q.703 §2.3.8)' };
  if (!routes.known(req.dpc)) return { result: 'noRoute', reason: `no route to ${req.dpc}` };
  const ls = routes.select(req.dpc);
  if (!ls) return { result: 'inaccessible', reason: `destination ${req.dpc} inaccessible` };
  const msu = encodeMsu({ sio: { si: req.si, ni: req.ni ?? ownNi, priority: 0 }, label: { dpc: req.dpc, opc: req.opc ?? ownPc, sls: req.sls }, data: req.data });
  return ls.sendUser(msu) ? { result: 'sent' } : { result: 'inaccessible', reason: 'no link available' };
}
