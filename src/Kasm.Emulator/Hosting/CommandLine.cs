using System.Globalization;

namespace Kasm.Emulator.Hosting;

/// <summary>Parsed command-line arguments.</summary>
internal sealed record CommandLine(EmulatorOptions Options, bool ExitOnStdinEof, bool ShowHelp)
{
    public const string Usage = """
        Kasm API emulator

        dotnet run --project src/Kasm.Emulator -- [options]
          --port N                 TCP port on 127.0.0.1 (default 8443; 0 = any free port)
          --profile P              seed | kasm-1.15 | kasm-1.19 (default kasm-1.15)
          --http                   serve plain HTTP instead of HTTPS
          --session-delay-ms N     time from requested to running (default 3000)
          --destroy-delay-ms N     time a destroyed session stays in "deleting" (default 1000)
          --max-kasms-per-user N   per-user session limit (default 2)
          --license-limit N        concurrent session licence limit (default 5)
          --fuzz SEED              fuzz mode: every answer is a seeded mutation of itself (same seed, same answers)
          --certificate KIND       self-signed (default) | expired | wrong-host | other
          --state FILE             load state from FILE at start (if present), save it on stop
          --exit-on-stdin-eof      stop when standard input is closed (for parent test processes)
          --help                   show this text
        """;

    public static CommandLine Parse(string[] args)
    {
        var options = new EmulatorOptions { Port = 8443 };
        bool exitOnEof = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    return new CommandLine(options, exitOnEof, ShowHelp: true);
                case "--http":
                    options.Http = true;
                    break;
                case "--exit-on-stdin-eof":
                    exitOnEof = true;
                    break;
                case "--port":
                    options.Port = Int(args, ref i);
                    break;
                case "--profile":
                    options.Profile = Value(args, ref i);
                    Api.Profile.Get(options.Profile);
                    break;
                case "--session-delay-ms":
                    options.SessionStartDelayMs = Int(args, ref i);
                    break;
                case "--destroy-delay-ms":
                    options.DestroyDelayMs = Int(args, ref i);
                    break;
                case "--max-kasms-per-user":
                    options.MaxKasmsPerUser = Int(args, ref i);
                    break;
                case "--license-limit":
                    options.LicenseLimit = Int(args, ref i);
                    break;
                case "--fuzz":
                    options.FuzzSeed = Int(args, ref i);
                    break;
                case "--certificate":
                    options.Certificate = Value(args, ref i);
                    CertificateFactory.Validate(options.Certificate);
                    break;
                case "--state":
                    options.StateFile = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }
        return new CommandLine(options, exitOnEof, ShowHelp: false);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Int(string[] args, ref int i)
    {
        string text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"{args[i - 1]} needs a non-negative integer, not '{text}'.");
    }
}
