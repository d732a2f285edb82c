namespace Kasm.Emulator.Api;

/// <summary>The three CherryPy mounts a method can be reached under (docs/kasm-api.md#transport-and-authentication).</summary>
[Flags]
internal enum Mount
{
    None = 0,
    /// <summary><c>/api/public/</c></summary>
    Public = 1,
    /// <summary><c>/api/admin/</c></summary>
    Admin = 2,
    /// <summary><c>/api/</c></summary>
    Client = 4,
    PublicAdmin = Public | Admin,
    All = Public | Admin | Client,
}

internal static class MountNames
{
    public static string WireName(this Mount mount) => mount switch
    {
        Mount.Public => "public",
        Mount.Admin => "admin",
        _ => "client",
    };
}
