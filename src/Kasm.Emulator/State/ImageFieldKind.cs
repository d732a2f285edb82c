namespace Kasm.Emulator.State;

/// <summary>How each image field is read from a <c>target_image</c> and written back (docs/kasm-api.md#workspaces-images).</summary>
internal enum ImageFieldKind
{
    String,
    Bool,
    Float,
    Int,
    /// <summary>Quirk (docs/kasm-api.md#workspaces-images create_image): read as a JSON-encoded string; <c>""</c> becomes <c>{}</c>.</summary>
    JsonString,
    /// <summary>Quirk (docs/kasm-api.md#workspaces-images create_image): a newline-separated string turned into a list (a list is accepted too).</summary>
    Categories,
    StringList,
    Uuid,
    /// <summary>Computed by the server; ignored on input.</summary>
    ReadOnly,
}
