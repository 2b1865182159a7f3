import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../app/api';
import { errorMessage } from './apiErrors';

export interface JobState {
  jobId: string;
  label: string;
  done: number;
  total: number;
  /** The core has reported the job. Cancel works before that too: the core keeps a cancel that overtakes its job's start. */
  isStarted: boolean;
}

/**
 * Long work (a job) started by this screen: the id is chosen here before the call, so every progress
 * event of the job is ours from the first one, and cancel can name it at once.
 */
export function useJob() {
  const { message } = App.useApp();
  const [job, setJob] = useState<JobState | null>(null);
  const [isCancelling, setCancelling] = useState(false);
  const jobIdRef = useRef<string | null>(null);

  useEffect(
    () =>
      window.archive.onEvent((event) => {
        if (event.type !== 'job.progress' || event.jobId !== jobIdRef.current) return;
        setJob({ jobId: event.jobId, label: event.label, done: event.done, total: event.total, isStarted: true });
      }),
    [],
  );

  /** Runs `start(jobId)` (the call that carries the id) while showing `label` until progress arrives. */
  const run = useCallback(async <T,>(label: string, start: (jobId: string) => Promise<T>): Promise<T> => {
    const jobId = crypto.randomUUID();
    jobIdRef.current = jobId;
    setCancelling(false);
    setJob({ jobId, label, done: 0, total: 0, isStarted: false });
    try {
      return await start(jobId);
    } finally {
      if (jobIdRef.current === jobId) {
        jobIdRef.current = null;
        setJob(null);
      }
    }
  }, []);

  const cancel = useCallback(async () => {
    const jobId = jobIdRef.current;
    if (!jobId) return;
    setCancelling(true);
    try {
      await call('jobs.cancel', { jobId });
      void message.info('已请求取消，正在清理…');
    } catch (error) {
      setCancelling(false);
      void message.error(errorMessage(error));
    }
  }, [message]);

  return { job, run, cancel, isCancelling };
}
