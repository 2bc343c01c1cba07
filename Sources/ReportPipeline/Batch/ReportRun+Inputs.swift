public import ActivitySource
public import CurlTransport

extension ReportRun {
    /// `--input PATH...`: the run's inputs read once, then one report per file (several: a folder
    /// each and an index). `environment` (`SMTP_PASSWORD`, `SSL_CERT_FILE`), `timing` and
    /// `transport` are injected by tests.
    public static func files(
        _ paths: [String], settings: RunSettings, concurrency: Int, events: some RunEvents,
        files: some FileReading = LocalFiles(), environment: [String: String] = ProcessEnvironment.current,
        timing: RetryTiming = .live, transport: any Transport = Libcurl(), operations: FolderOperations = .system
    ) async -> Result {
        let inputs: RunInputs
        do {
            inputs = try RunInputs.load(settings, files: files, environment: environment)
        } catch {
            return failed(error, events: RedactingEvents(inner: events, secrets: settings.secrets))
        }
        if settings.views == "auto" {
            return failed(
                .usage("--views auto downloads each project's views CSV from the server: give --url, or the path of an exported CSV"),
                events: RedactingEvents(inner: events, secrets: settings.secrets))
        }
        let source = FileSource(files: files, maxInputBytes: settings.maxInputBytes)
        return await run(
            FileSource.jobs(paths, title: settings.title), layout: paths.count > 1 ? .batch : .single, source: source,
            inputs: inputs, concurrency: concurrency, events: events,
            sender: inputs.send.map { Sender(inputs: $0, transport: transport, timing: timing) }, operations: operations)
    }

    /// `--url`: the plan checked, the run's inputs read once, the projects listed when needed,
    /// then one report per project. `timing` is injected by tests.
    public static func server(
        _ request: FetchRequest, settings: RunSettings, environment: [String: String], events: some RunEvents,
        timing: RetryTiming = .live, files: some FileReading = LocalFiles(), transport: any Transport = Libcurl()
    ) async -> Result {
        let plan: FetchPlan
        let inputs: RunInputs
        do throws(ReportError) {
            plan = try FetchPlan.make(request, environment: environment, maxInputBytes: settings.maxInputBytes, files: files)
            inputs = try RunInputs.load(settings, files: files, environment: environment)
            if let raw = plan.saveRaw, OutputFolder.holds(raw, folder: settings.outputDirectory) {
                throw ReportError.usage(
                    "--save-raw \(raw) is inside the output folder, which holds only the report (it is replaced as a whole): keep the raw payload elsewhere"
                )
            }
        } catch {
            return failed(error, events: RedactingEvents(inner: events, secrets: settings.secrets))
        }
        let client = LightdashClient(settings: plan.settings, timing: timing)
        var source = ServerSource(plan: plan, client: client)
        source.fetchViews = settings.views == "auto"
        let result: Result
        do {
            let jobs = try await source.jobs(title: settings.title, events: events)
            result = await run(
                jobs, layout: plan.batch ? .batch : .single, source: source, inputs: inputs, concurrency: plan.concurrency,
                events: events, sender: inputs.send.map { Sender(inputs: $0, transport: transport, timing: timing) })
        } catch {
            result = failed(error, events: RedactingEvents(inner: events, secrets: inputs.secrets.merging(source.secrets)))
        }
        await client.shutdown()
        return result
    }

    /// A run that ends before any report: its one error.
    static func failed(_ error: ReportError, events: some RunEvents) -> Result {
        events.message(RunMessage(.error, error.description))
        events.end()
        return Result(status: error.status, written: [])
    }
}
