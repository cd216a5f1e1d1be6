import type { Knex } from "knex";
import type { Config } from "./config";
import type { Logger } from "./http/logger";
import type { Clock } from "./shared/dates";
import type { Actor } from "./identity/actor";
import type { Throttle } from "./identity/throttle";
import type { SessionCache } from "./identity/session-cache";
import type { InstallationWarning } from "./backup/wire";

// What every module's routes are given. Declared apart from app.ts, which imports every module,
// and naming only leaf files: a module that takes its dependencies needs nothing that imports it
// back, so no import cycle runs through the app.

export interface PinGuard {
  /** Wrong PINs per household and address. */
  byHousehold: Throttle;
  /** Wrong PINs per address, for any household. */
  byAddress: Throttle;
  /** The cost PINs are hashed with (default: the production default), so that a code without a PIN costs as much to refuse. */
  scryptCost?: number;
  /** The PIN check; tests count its calls. */
  verify?: (pin: string, hash: string) => Promise<boolean>;
}

/** What the installation's own settings put at risk (a PUBLIC_BASE_URL residents cannot reach). */
export interface InstallationChecks {
  warnings(): Promise<InstallationWarning[]>;
  /** Refuses to publish a statement whose QR code would lead nowhere. */
  assertPublicLinks(): Promise<void>;
}

export interface Deps {
  db: Knex;
  config: Readonly<Config>;
  clock: Clock;
  logger: Logger;
  throttles: {
    byName: Throttle;
    byAddress: Throttle;
    ttlHours: number;
    /** Household PINs (consultations, feedback): wrong PINs per household and address, and per address. */
    pins: PinGuard;
    /** Residents' feedback: submissions per address. */
    feedbackByAddress: Throttle;
    /** Residents' photos for feedback: uploads per address. */
    feedbackPhotosByAddress: Throttle;
  };
  /** Sessions behind bearer tokens, kept between requests until a write (here or elsewhere) may change them. */
  sessions: SessionCache;
  /** What other modules do when a unit is created (the ledger opens its books), in the same transaction. */
  onUnitCreated: (trx: Knex.Transaction, actor: Actor, unitId: number) => Promise<void>;
  installation: InstallationChecks;
}
