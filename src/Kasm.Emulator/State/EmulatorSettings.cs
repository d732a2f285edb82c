namespace Kasm.Emulator.State;

/// <summary>Tunables that can change at run time (POST /__emulator/settings).</summary>
public sealed class EmulatorSettings
{
    public int SessionStartDelayMs { get; set; } = 3000;
    public int DestroyDelayMs { get; set; } = 1000;
    /// <summary>How long a session shows pausing, stopping or starting after pause_kasm, stop_kasm or resume_kasm.</summary>
    public int LifecycleDelayMs { get; set; } = 1000;
    /// <summary>Stands for the group settings allow_kasm_pause and allow_kasm_stop of every group: off unless set, as in Kasm.</summary>
    public bool AllowKasmPause { get; set; }
    public bool AllowKasmStop { get; set; }
    /// <summary>Stands for a user whose usage budget is spent: keepalive answers usage_reached true and extends nothing.</summary>
    public bool UsageReached { get; set; }
    public int MaxKasmsPerUser { get; set; } = 2;
    public int LicenseLimit { get; set; } = 5;
    /// <summary>
    /// update_group resets what it is not sent (description and group_metadata), the reading Kasm's docs leave open
    /// (docs/kasm-api.md#groups): off by default (the emulator keeps them); tests turn it on to prove a client is safe
    /// under that reading too.
    /// </summary>
    public bool GroupUpdateReplaces { get; set; }
    /// <summary>
    /// The licence does not cover the licensed group settings (allow_kasm_sharing, usage_limit, inject_ssh_keys):
    /// add_settings_group and update_settings_group refuse them (docs/kasm-api.md#group-settings). Off by default.
    /// </summary>
    public bool GroupSettingsUnlicensed { get; set; }

    /// <summary>
    /// update_storage_provider and update_storage_mapping reset every field they are not sent, the secrets included
    /// (docs/kasm-api.md#storage-providers, docs/kasm-api.md#storage-mappings):
    /// off by default (the emulator keeps them); tests turn it on to prove a client is safe under that reading too.
    /// </summary>
    public bool StorageUpdateReplaces { get; set; }
    /// <summary>Stands for the group setting allow_kasm_sharing of every group: off unless set, as in Kasm.</summary>
    public bool AllowKasmSharing { get; set; }
    /// <summary>
    /// When set, every new session is put in this status as soon as request_kasm has answered (see
    /// <see cref="EmulatorState.SetSessionStatus"/>): "stopped", "paused", "gone" (failed and removed), ... Tests use it
    /// to meet a session that will never start without racing the start delay.
    /// </summary>
    public string? NewSessionStatus { get; set; }

    /// <summary>
    /// Whether the licence grants session recording (the Enterprise SKU or the session_recording feature): on by
    /// default. Off, get_session_recordings answers "Access Denied. This feature is not licensed" and get_licenses shows
    /// a Standard licence without the feature (docs/kasm-api.md#session-recordings).
    /// </summary>
    public bool SessionRecordingLicensed { get; set; } = true;
    /// <summary>Stands for a server whose object storage cannot sign links: every download URL is the literal "error".</summary>
    public bool RecordingLinksFail { get; set; }
    /// <summary>
    /// Stands for a session whose KasmVNC cannot be reached: delete_session_permissions and
    /// delete_all_session_permissions answer a JSON 500 "Failed to delete session_permission_ids ([...])" and delete nothing.
    /// </summary>
    public bool SessionPermissionVncFails { get; set; }

    /// <summary>
    /// Where get_session_history's pages start: 1 (the default; page 0 is answered as page 1) or 0. Kasm's docs do not
    /// say (docs/kasm-api.md#session-history); the module must list every row once under either reading.
    /// </summary>
    public int SessionHistoryPageBase { get; set; } = 1;

    /// <summary>Fuzz mode: every API answer is a seeded mutation of itself (Faults/Fuzzer.cs); null = off.</summary>
    public int? FuzzSeed { get; set; }

    /// <summary>
    /// The certificate new TLS connections get: "self-signed" (the default), "expired", "wrong-host" (names only
    /// kasm.invalid) or "other" (a second valid self-signed certificate with its own key and thumbprint).
    /// </summary>
    public string Certificate { get; set; } = "self-signed";

    public EmulatorSettings Clone() => (EmulatorSettings)MemberwiseClone();
}
